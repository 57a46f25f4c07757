"""The 2023 template's facts, written by `python -m hooks.templates build`: do not edit."""

DATA = {
    "name": "2023",
    "headings": [
        [
            1,
            "Exam template for 02476 Machine Learning Operations",
        ],
        [
            2,
            "Overall project checklist",
        ],
        [
            3,
            "Week 1",
        ],
        [
            3,
            "Week 2",
        ],
        [
            3,
            "Week 3",
        ],
        [
            3,
            "Additional",
        ],
        [
            2,
            "Group information",
        ],
        [
            3,
            "Question 1",
        ],
        [
            3,
            "Question 2",
        ],
        [
            3,
            "Question 3",
        ],
        [
            2,
            "Coding environment",
        ],
        [
            3,
            "Question 4",
        ],
        [
            3,
            "Question 5",
        ],
        [
            3,
            "Question 6",
        ],
        [
            2,
            "Version control",
        ],
        [
            3,
            "Question 7",
        ],
        [
            3,
            "Question 8",
        ],
        [
            3,
            "Question 9",
        ],
        [
            3,
            "Question 10",
        ],
        [
            3,
            "Question 11",
        ],
        [
            2,
            "Running code and tracking experiments",
        ],
        [
            3,
            "Question 12",
        ],
        [
            3,
            "Question 13",
        ],
        [
            3,
            "Question 14",
        ],
        [
            3,
            "Question 15",
        ],
        [
            3,
            "Question 16",
        ],
        [
            2,
            "Working in the cloud",
        ],
        [
            3,
            "Question 17",
        ],
        [
            3,
            "Question 18",
        ],
        [
            3,
            "Question 19",
        ],
        [
            3,
            "Question 20",
        ],
        [
            3,
            "Question 21",
        ],
        [
            3,
            "Question 22",
        ],
        [
            3,
            "Question 23",
        ],
        [
            3,
            "Question 24",
        ],
        [
            2,
            "Overall discussion of project",
        ],
        [
            3,
            "Question 25",
        ],
        [
            3,
            "Question 26",
        ],
        [
            3,
            "Question 27",
        ],
    ],
    "checker": {
        "expected": 27,
        "skip_chars": 43,
        "drop_first_span": True,
    },
    "questions": [
        {
            "n": 1,
            "section": "Group information",
            "min_words": None,
            "max_words": None,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "d2e616c857331d6b",
                    ],
                    "kinds": [
                        "question",
                    ],
                    "whole": "d2e616c857331d6b",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 2,
            "section": "Group information",
            "min_words": None,
            "max_words": None,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "437a0f11a5cc2cee",
                        "f6d03ddd3b957926",
                        "dcfc09c6556baf55",
                    ],
                    "kinds": [
                        "question",
                        "example",
                        "example",
                    ],
                    "whole": "06f6f2b66aa0b14e",
                },
            ],
            "example_lines": [
                "dcfc09c6556baf55",
            ],
            "answer_lines": [],
        },
        {
            "n": 3,
            "section": "Group information",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "73e602c2954cbaa7",
                        "b5deb8110e7db153",
                        "e677d2238cedddbd",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "154b71571e58510c",
                },
            ],
            "example_lines": [
                "423d87527e306018",
                "acb209f9d3d040cf",
            ],
            "answer_lines": [],
        },
        {
            "n": 4,
            "section": "Coding environment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "1e28e6c4c0bb365a",
                        "482b9b1e67e2f448",
                        "a463b9b7a905058c",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "3d3f8c03503fe171",
                },
            ],
            "example_lines": [
                "d98487116e878dc4",
                "2cebea0063d9558e",
            ],
            "answer_lines": [],
        },
        {
            "n": 5,
            "section": "Coding environment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "d175e0ee1bc7a40e",
                        "482b9b1e67e2f448",
                        "fe2801fed1d4d91d",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "31c88c26ee61c7a8",
                },
            ],
            "example_lines": [
                "3f73e433dc2af10c",
                "4642399de6955eab",
                "69593f4745e57c15",
            ],
            "answer_lines": [],
        },
        {
            "n": 6,
            "section": "Coding environment",
            "min_words": 50,
            "max_words": 100,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "7d416e954eeda164",
                        "3e034d1ee4ec252b",
                    ],
                    "kinds": [
                        "question",
                        "length",
                    ],
                    "whole": "744bb151cf107208",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 7,
            "section": "Version control",
            "min_words": 50,
            "max_words": 100,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "8f6e9feef9700dc5",
                        "3e034d1ee4ec252b",
                        "456f58eb511aaf95",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "b1cf4b8c75aa1bc7",
                },
            ],
            "example_lines": [
                "d08e20da31bfefba",
                "7e6968b386dc665e",
            ],
            "answer_lines": [],
        },
        {
            "n": 8,
            "section": "Version control",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "1559d397c99ae375",
                        "b5deb8110e7db153",
                        "49e6c2f901336115",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "510d86fd9a5588a1",
                },
            ],
            "example_lines": [
                "5961418833395726",
                "a664dd6ad43c42d9",
            ],
            "answer_lines": [],
        },
        {
            "n": 9,
            "section": "Version control",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "2ddd17db73ed02a2",
                        "b5deb8110e7db153",
                        "7db23ef2a27cfc67",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "59be7f41dd64c35b",
                },
            ],
            "example_lines": [
                "c4363d0ccde0a101",
                "272e3166f6f3c081",
            ],
            "answer_lines": [],
        },
        {
            "n": 10,
            "section": "Version control",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "9cca13f1dbb90182",
                        "b5deb8110e7db153",
                        "4737ba69933aaaa9",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "0262045ddc7fbfe6",
                },
            ],
            "example_lines": [
                "30176ec2f11f5f41",
            ],
            "answer_lines": [],
        },
        {
            "n": 11,
            "section": "Version control",
            "min_words": 200,
            "max_words": 300,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "06221a829b21c260",
                        "2a2f5ddc5f709acc",
                        "e0bfd258947015b4",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "c8bfcc67789c8380",
                },
            ],
            "example_lines": [
                "cae6bddb9c7eee26",
                "04d08a1fe55fc8bb",
            ],
            "answer_lines": [],
        },
        {
            "n": 12,
            "section": "Running code and tracking experiments",
            "min_words": 50,
            "max_words": 100,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "92b2bad754422e46",
                        "3e034d1ee4ec252b",
                        "6cc25b695f6a95b9",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "34831af389f6246e",
                },
            ],
            "example_lines": [
                "1d387b7bd82232e8",
            ],
            "answer_lines": [],
        },
        {
            "n": 13,
            "section": "Running code and tracking experiments",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "a520ac46f0ced339",
                        "b5deb8110e7db153",
                        "7ad2ac669cf37196",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "d61de3b602cc766e",
                },
            ],
            "example_lines": [
                "fe43eeebaa24461a",
                "99d913acd3a84b7f",
            ],
            "answer_lines": [],
        },
        {
            "n": 14,
            "section": "Running code and tracking experiments",
            "min_words": 200,
            "max_words": 300,
            "min_images": 1,
            "max_images": 3,
            "prompts": [
                {
                    "paragraphs": [
                        "3adbcc5d251680cf",
                        "3863d654e9ca18d4",
                        "1e3899a21ddbb49b",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "ecaa605bd592f0de",
                },
            ],
            "example_lines": [
                "4cf64d46a714cf04",
                "a30d7e06f810b523",
            ],
            "answer_lines": [],
        },
        {
            "n": 15,
            "section": "Running code and tracking experiments",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "f7e49df9144ffef1",
                        "b5deb8110e7db153",
                        "66995da25e531341",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "b674d0a5785a6a1a",
                },
            ],
            "example_lines": [
                "6cd135021d424c94",
                "87ec946d48c3a9ff",
            ],
            "answer_lines": [],
        },
        {
            "n": 16,
            "section": "Running code and tracking experiments",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "2e90b0d08d6880cd",
                        "b5deb8110e7db153",
                        "86428457759e1cc7",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "49879c5f9181af91",
                },
            ],
            "example_lines": [
                "c7a5e575354e8db8",
                "4bb6bc2642c34e9c",
            ],
            "answer_lines": [],
        },
        {
            "n": 17,
            "section": "Working in the cloud",
            "min_words": 50,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "b16fc17db2252ec2",
                        "10ed833caef4ef39",
                        "2c6b718670e1670f",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "7b20627daef2bbee",
                },
            ],
            "example_lines": [
                "40cf32b0c9dccbb5",
            ],
            "answer_lines": [],
        },
        {
            "n": 18,
            "section": "Working in the cloud",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "a78e17b90987cf4a",
                        "b5deb8110e7db153",
                        "30f5ef66200ae84a",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "36e27ce34c04e0e8",
                },
            ],
            "example_lines": [
                "c7cea03ccb0a3e24",
                "90254622ba9704e0",
            ],
            "answer_lines": [],
        },
        {
            "n": 19,
            "section": "Working in the cloud",
            "min_words": None,
            "max_words": None,
            "min_images": 1,
            "max_images": 2,
            "prompts": [
                {
                    "paragraphs": [
                        "8ddfe4dbd1416633",
                    ],
                    "kinds": [
                        "question",
                    ],
                    "whole": "8ddfe4dbd1416633",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 20,
            "section": "Working in the cloud",
            "min_words": None,
            "max_words": None,
            "min_images": 1,
            "max_images": 1,
            "prompts": [
                {
                    "paragraphs": [
                        "bac91fb532c7be96",
                    ],
                    "kinds": [
                        "question",
                    ],
                    "whole": "bac91fb532c7be96",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 21,
            "section": "Working in the cloud",
            "min_words": None,
            "max_words": None,
            "min_images": 1,
            "max_images": 1,
            "prompts": [
                {
                    "paragraphs": [
                        "b2e3c11591e9796b",
                    ],
                    "kinds": [
                        "question",
                    ],
                    "whole": "b2e3c11591e9796b",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 22,
            "section": "Working in the cloud",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "2f756d82b0285355",
                        "b5deb8110e7db153",
                        "b601854670a4bf16",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "7aa13bfff9d15861",
                },
            ],
            "example_lines": [
                "e6ba49b003bf8102",
                "920ed4040c23ecfb",
                "72ae73883e2c2854",
            ],
            "answer_lines": [],
        },
        {
            "n": 23,
            "section": "Working in the cloud",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "232d9954c0e77fed",
                        "b5deb8110e7db153",
                        "9bd70ee184e41acb",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "2e9f4c1617f352b1",
                },
            ],
            "example_lines": [
                "2f8e2411442e4dcf",
                "256d848d00a4e8fa",
            ],
            "answer_lines": [],
        },
        {
            "n": 24,
            "section": "Working in the cloud",
            "min_words": 25,
            "max_words": 100,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "c6a3cb24f1d8a888",
                        "af1f89e9105a6419",
                        "547285f5fa003216",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "c857406593b5f27b",
                },
            ],
            "example_lines": [
                "a039f6e4f1d04dec",
                "158f31b3a3598f27",
            ],
            "answer_lines": [],
        },
        {
            "n": 25,
            "section": "Overall discussion of project",
            "min_words": 200,
            "max_words": 400,
            "min_images": 1,
            "max_images": 1,
            "prompts": [
                {
                    "paragraphs": [
                        "b8b617239953f41d",
                        "dce5bc4f7280b122",
                        "f6d03ddd3b957926",
                        "f7f387503fa4e7ac",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                        "example",
                    ],
                    "whole": "50661caad254df0a",
                },
            ],
            "example_lines": [
                "1bbe6dbaab3abf10",
                "7d2bc2ed7390076d",
            ],
            "answer_lines": [],
        },
        {
            "n": 26,
            "section": "Overall discussion of project",
            "min_words": 200,
            "max_words": 400,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "5b41d5f47bac7391",
                        "0272ebac953a68ca",
                        "46d68a8cce9af2b3",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "9422cbb5d51f2269",
                },
            ],
            "example_lines": [
                "648175a821f4a588",
            ],
            "answer_lines": [],
        },
        {
            "n": 27,
            "section": "Overall discussion of project",
            "min_words": 50,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "e5df2252e1c913a8",
                        "10ed833caef4ef39",
                        "27539a8b1ff870d4",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "5d3a9564879915b6",
                },
            ],
            "example_lines": [
                "1682f9b0d9c1fd4d",
                "aa87c1d296be2690",
                "cfd469fdc3a2bc60",
                "2a6c25313d3f9bdd",
            ],
            "answer_lines": [],
        },
    ],
}
